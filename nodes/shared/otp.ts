import { randomInt } from 'node:crypto';

export const OTP_MIN_LENGTH = 4;
export const OTP_MAX_LENGTH = 10;

/** A numeric one-time code from the OS CSPRNG; every digit uniformly random (leading zeros allowed). */
export function generateNumericCode(length: number): string {
	if (!Number.isInteger(length) || length < OTP_MIN_LENGTH || length > OTP_MAX_LENGTH) {
		throw new RangeError(`Code length must be ${OTP_MIN_LENGTH}–${OTP_MAX_LENGTH}`);
	}
	let code = '';
	for (let i = 0; i < length; i++) code += String(randomInt(10));
	return code;
}

// `{code}` is the placeholder; `{{code}}` is accepted too, as typed in a fixed (non-expression) field.
const CODE_PLACEHOLDER = /\{\{\s*code\s*\}\}|\{\s*code\s*\}/g;

export function hasCodePlaceholder(template: string): boolean {
	return new RegExp(CODE_PLACEHOLDER.source).test(template);
}

export function fillCodeTemplate(template: string, code: string): string {
	return template.replace(CODE_PLACEHOLDER, code);
}
