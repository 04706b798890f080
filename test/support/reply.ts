/** An HTTP answer read whole, as the sandbox contract tests inspect it. */
export interface Reply {
	status: number;
	text: string;
	headers: Headers;
	json(): any;
}

export async function readReply(res: Response): Promise<Reply> {
	const text = await res.text();
	return { status: res.status, text, headers: res.headers, json: () => JSON.parse(text) };
}
