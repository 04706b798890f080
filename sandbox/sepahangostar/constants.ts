/** Fixed data of the SepahanGostar sandbox: defaults, routes and the provider's (Persian) texts. */

export const DEFAULT_API_KEY = 'b2fa64f05d774e56a948727441b898c3';
export const DEFAULT_CREDIT = 330874527n;
/** Price of one SMS part (the seed's example: smsCount 1, totalPrice 2837). */
export const UNIT_PRICE = 2837n;
export const MAX_ITEMS = 100;
export const REQUEST_ID_TTL_MS = 4 * 3600_000;
export const STATUS_WINDOW_MS = 24 * 3600_000;
export const RECEIVE_DEFAULT_WINDOW_MS = 24 * 3600_000;
/** Default delivery progression: 0 (queued) until this age, then 8 (at operator)... */
export const QUEUED_FOR_MS = 5_000;
/** ...then 1 (delivered) from this age on. */
export const DELIVERED_AFTER_MS = 30_000;
/** oldStatus window in Tehran, seconds after midnight: [01:00:00, 05:00:00). */
export const OLD_STATUS_WINDOW = { fromSec: 1 * 3600, toSec: 5 * 3600 };
/** .NET DateTime ticks of the Unix epoch, in ms: 0001-01-01 → 1970-01-01. */
export const DOTNET_EPOCH_OFFSET_MS = 62135596800000n;

export const DEFAULT_PANEL = { userName: 'testuser', password: 'sandbox-pass-123456', domainName: 'sepahansms' };

export const DEFAULT_SENDER_LINES = ['3000123456', '10004346', '5000200300'];
/** A line the account owns but that is not active for sending (→ −12). */
export const INACTIVE_SENDER_LINE = '3000999999';
export const DEFAULT_RECEIVING_LINES = ['50003300', '3000123456'];
export const EXPIRED_RECEIVING_LINE = '50004400';
export const INACTIVE_RECEIVING_LINE = '50005500';

export const ACCOUNT_ERROR_CODES = [-8, -9, -10, -11, -13, -14, -15, -16, -17, -18, -19] as const;

export const ERROR_MESSAGES: Record<number, string> = {
	[-1]: 'توکن نامعتبر است.',
	[-2]: 'توکن تایید نشده است.',
	[-3]: 'آی پی درخواست دهنده نامعتبر است.',
	[-4]: 'فرمت شماره گیرنده نامعتبر است.',
	[-5]: 'حداقل یکی از نودهای آرایه ارسالی، متن پیام آن خالی است.',
	[-6]: 'عدم تطابق تعداد آرایه های ارسالی.',
	[-7]: 'تعداد آرایه های ارسالی بیش از 100 نود است.',
	[-8]: 'سرویس ارسال پیامک دهنده غیر فعال است.',
	[-9]: 'کاربر در وضعیت تایید نشده قرار دارد.',
	[-10]: 'کاربر منقضی شده است.',
	[-11]: 'وب سرویس کاربر غیر فعال است.',
	[-12]: 'شماره فرستنده نامعتبر است.',
	[-13]: 'رنج قیمت برای کاربر تعریف نشده است.',
	[-14]: 'موجودی کاربر کافی نیست.',
	[-15]: 'مدیر در وضعیت تایید نشده قرار دارد.',
	[-16]: 'مدیر منقضی شده است.',
	[-17]: 'وب سرویس مدیر غیر فعال است.',
	[-18]: 'رنج قیمت برای مدیر تعریف نشده است.',
	[-19]: 'موجودی مدیر کافی نیست.',
	[-20]: 'شناسه درخواست ارسالی تکراری است.',
	[-21]: 'مقادیر ورودی نامعتبر است.',
	[-22]: 'آی پی درخواست دهنده مسدود شده است.',
	[-23]: 'شناسه مورد نظر یافت نشد.',
};

export const OLD_STATUS_WINDOW_DETAIL = 'این سرویس فقط بین ساعت ۱ تا ۵ بامداد قابل استفاده است.';
export const PANEL_LOGIN_FAILED = 'نام کاربری، کلمه عبور یا نام دامنه نامعتبر است.';
export const SUCCESS_TITLE = 'عملیات موفق';

export const RECEIVE_HTTP_MESSAGES: Record<number, string> = {
	406: 'شماره دریافت کننده نامعتبر است.',
	410: 'اعتبار شماره دریافت کننده به پایان رسیده است.',
	416: 'تعداد پیام های درخواستی نامعتبر است.',
	423: 'شماره دریافت کننده فعال نیست.',
};

export const TRANSIENT_MESSAGES: Record<number, string> = {
	429: 'تعداد درخواست ها بیش از حد مجاز است.',
	500: 'خطای داخلی سرور.',
	503: 'سرویس موقتا در دسترس نیست.',
};

export type RouteName =
	| 'send'
	| 'sendP2P'
	| 'checkRequestId'
	| 'status'
	| 'oldStatus'
	| 'credit'
	| 'Receive'
	| 'GenerateApiKey';

export interface RouteDef {
	name: RouteName;
	method: 'GET' | 'POST';
	/** Seed casing; `{requestId}` is a path parameter. Matched case-insensitively, trailing '/' allowed. */
	path: string;
}

export const ROUTES: readonly RouteDef[] = [
	{ name: 'send', method: 'POST', path: '/api/Sms/Send' },
	{ name: 'sendP2P', method: 'POST', path: '/api/Sms/SendP2P' },
	{ name: 'checkRequestId', method: 'GET', path: '/api/Requests/checkRequestId/{requestId}' },
	{ name: 'status', method: 'POST', path: '/api/SmsReport/status' },
	{ name: 'oldStatus', method: 'POST', path: '/api/SmsReport/oldStatus' },
	{ name: 'credit', method: 'GET', path: '/api/SmsReport/credit' },
	{ name: 'Receive', method: 'POST', path: '/api/SmsReport/Receive' },
	{ name: 'GenerateApiKey', method: 'POST', path: '/api/auth/GenerateApiKey' },
];
