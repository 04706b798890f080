/** Fakes only `Date` (timers stay real: HTTP and the sandbox keep working). */
export function freezeDate(at: string | Date): void {
	jest.useFakeTimers({
		now: new Date(at),
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}
