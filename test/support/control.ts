import { readReply } from './reply';

/** Calls a sandbox's `/__sandbox` control surface over HTTP, as a person with curl would. */
export async function callControl(baseUrl: string, method: string, path: string, body?: unknown) {
	const res = await fetch(`${baseUrl}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return await readReply(res);
}
