/**
 * Fixed data of the ChinaTrainTickets sandbox: routes, fixtures, defaults and the
 * provider's (Chinese) texts.
 *
 * The real service documents no failure codes at all (spec §5). The non-1 codes below
 * are placeholders of this emulator, chosen so that a client cannot special-case a
 * single failure value: signature, time and replay problems and business failures each
 * get their own code.
 */

/** The emulator's own signing key (not test vector A's key, so a client that hard-codes that one fails). */
export const DEFAULT_SIGNING_KEY = 'sandbox-signing-key-5d1c8e';

/** Test vector A (spec §3.3): use only as test data. */
export const VECTOR_A = {
	random: 12345,
	timeStamp: '20240101120000',
	terminal: 1,
	key: 'abc@123!',
	plain: 'random=12345&timestamp=20240101120000&terminal=1',
	md5: '2d013bf067b59289926c270465d34985',
	sign: '4c807e5a8fab27506acce3e258c37286e6a9a42c5580f8a27cbd345caa12c86e',
} as const;

/** `Terminal` enum: the only documented member (seed: `1` in JSON, `WEBPAGEEnum` in XML). */
export const TERMINAL_WEBPAGE = 1;
export const TERMINAL_WEBPAGE_XML = 'WEBPAGEEnum';

export const RANDOM_MIN = 10000;
export const RANDOM_MAX = 19999;

export const DEFAULT_TIMESTAMP_WINDOW_SEC = 300;
export const DEFAULT_CODE_TTL_SEC = 600;
export const DEFAULT_COOLDOWN_SEC = 60;

/** Result codes (1 is the real, documented success; the others are emulator placeholders). */
export const RESULT_SUCCESS = 1;
export const RESULT_BUSINESS = 0;
export const RESULT_SIGNATURE = -1;
export const RESULT_TIMESTAMP = -2;
export const RESULT_REPLAY = -3;

/** Codes a `signatureFailureStatus` switch turns into HTTP 401/403. */
export const SIGNING_RESULT_CODES: readonly number[] = [
	RESULT_SIGNATURE,
	RESULT_TIMESTAMP,
	RESULT_REPLAY,
];

export const MESSAGES = {
	codeSent: '验证码已发送，请注意查收',
	passwordChanged: '密码修改成功',
	signFields: '签名参数错误',
	signMismatch: '签名错误',
	timestamp: '时间戳无效或已过期',
	replay: '重复的请求',
	accountRequired: '请输入用户名或手机号码',
	memberNotFound: '会员不存在',
	accountMismatch: '用户名与手机号码不匹配',
	imgCodeRequired: '请输入图片验证码',
	imgCodeWrong: '图片验证码错误',
	cooldown: '验证码发送过于频繁，请稍后再试',
	usernameRequired: '请输入用户名',
	codeRequired: '请输入验证码',
	passwordRequired: '请输入新密码',
	noCode: '请先获取验证码',
	codeWrong: '验证码错误',
	codeExpired: '验证码已过期，请重新获取',
	codeUsed: '验证码已使用，请重新获取',
	busy: '系统繁忙，请稍后再试',
} as const;

/** `data.state` of a successful sendcode; its real meaning is undocumented (spec §6.8). */
export const SENDCODE_STATE = 'sent';
/** `data` string of a successful updatepwd; its real meaning is undocumented. */
export const UPDATEPWD_DATA = 'ok';

export interface MemberFixture {
	username: string;
	phone_number: string;
	password: string;
}

export const DEFAULT_MEMBERS: readonly MemberFixture[] = [
	{ username: 'traveller01', phone_number: '13800000000', password: 'Initial-Pass-01' },
	{ username: 'traveller02', phone_number: '+447700900123', password: 'Initial-Pass-02' },
	{ username: '旅客三', phone_number: '13900000003', password: 'Initial-Pass-03' },
];

/** Captcha fixture: client GUID (the seed's sample) → image code the member reads off the picture. */
export const DEFAULT_CAPTCHAS: Readonly<Record<string, string>> = {
	'c395c016-ad85-40d9-963b-9255d4957d4c': '7K3P',
	'0f8fad5b-d9cb-469f-a165-70867728950e': 'XY12',
};

export type RouteName = 'sendcode' | 'updatepwd' | 'help';

export interface RouteDef {
	name: RouteName;
	method: 'GET' | 'POST';
	/** Matched case-insensitively, trailing '/' allowed (ASP.NET routing). */
	path: string;
}

export const ROUTES: readonly RouteDef[] = [
	{ name: 'sendcode', method: 'POST', path: '/api/member/retrievepwd/sendcode' },
	{ name: 'updatepwd', method: 'POST', path: '/api/member/retrievepwd/updatepwd' },
	{ name: 'help', method: 'GET', path: '/Help/Api/POST-api-member-retrievepwd-sendcode' },
];

/** XML (DataContract) names of the seed's models. */
export const XML_NS_AREA =
	'http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Areas.webApi.Models';
export const XML_NS_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_ROOT_SENDCODE = 'ApiResultOfMemberSendCodeResponseWjQ9Dvjw';
/** The help page names the updatepwd result `ApiResultOfString`; DataContract writes the primitive's contract name. */
export const XML_ROOT_UPDATEPWD = 'ApiResultOfstring';
export const XML_REQUEST_ROOTS: Record<'sendcode' | 'updatepwd', string> = {
	sendcode: 'MemberRetrievePwdSendCodRequest',
	updatepwd: 'MemberRetrievePwdUpdateRequest',
};

/** Request members whose values the request log replaces with "***". */
export const MASKED_FIELDS: readonly string[] = ['new_password', 'code'];
