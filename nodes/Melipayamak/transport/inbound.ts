import type { IDataObject } from 'n8n-workflow';

import { parseProviderDate, TEHRAN, zonedParts } from '../../shared/dates';
import type { MessageRow } from './client';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * `SendDate` is Iran wall-clock time without an offset (`2026-11-23T10:15:42.17`): written back
 * as ISO 8601 with Tehran's offset at that instant (`2026-11-23T10:15:42.170+03:30`).
 */
export function receivedAtIso(raw: string): string | null {
	const parsed = parseProviderDate(raw, { timeZone: TEHRAN, calendar: 'gregorian' });
	if (!parsed) return null;
	const fraction = /\.(\d{1,7})$/.exec(raw.trim())?.[1] ?? '';
	const ms = Number((fraction + '000').slice(0, 3));
	const local = zonedParts(parsed.at, TEHRAN);
	const offsetMinutes = Math.round((Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - parsed.at.getTime()) / 60000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	return (
		`${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}.${pad(ms, 3)}` +
		`${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
	);
}

/**
 * One received SMS as an output item: the id as its exact text (`id`, the name every provider's
 * inbox uses, and `msgId`, Melipayamak's), fields in English names, the provider's row beside.
 */
export function inboundJson(row: MessageRow): IDataObject {
	const parts = Number(row.Parts);
	return {
		id: row.MsgID ?? '',
		msgId: row.MsgID ?? '',
		from: row.Sender ?? '',
		to: row.Receiver ?? '',
		text: row.Body ?? '',
		receivedAt: row.SendDate ? receivedAtIso(row.SendDate) : null,
		receivedAtRaw: row.SendDate ?? null,
		parts: Number.isInteger(parts) ? parts : null,
		isFlash: row.IsFlash === 'true',
		raw: { ...row },
	};
}
