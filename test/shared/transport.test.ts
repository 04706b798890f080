import { bodySnippet, normaliseBaseUrl } from '../../nodes/shared/transport';

describe('transport helpers', () => {
	it('normalises pasted base URLs', () => {
		expect(normaliseBaseUrl(' https://api.sepahansms.com/api/ ', ['/api', '/swagger'])).toBe('https://api.sepahansms.com');
		expect(normaliseBaseUrl('https://api.flashsms.ir/swagger', ['/api', '/swagger'])).toBe('https://api.flashsms.ir');
	});

	it('makes short, tag-free snippets without secrets', () => {
		const snippet = bodySnippet('<html><body><h1>502 Bad Gateway</h1> token=abcd1234secret</body></html>', ['abcd1234secret']);
		expect(snippet).toBe('502 Bad Gateway token=***');
	});
});
