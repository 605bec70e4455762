// The line's SQLite rows and their records: 0/1 flags as booleans, snake_case as camelCase.

import type { Subject } from '../../core/protocol/index.js';
import type { TicketStatus } from '../../core/ticket-lifecycle.js';
import type { AttendanceOutcome, SessionRecord, StoredAttendance, TicketRecord } from './store.js';

export interface TicketRow {
  id: string;
  unit: string;
  day: string;
  seq: number;
  code: string;
  peer_id: string;
  peer_token: string;
  subject: Subject;
  sealed: number;
  lawyer: number;
  libras: number;
  status: TicketStatus;
  order_key: number;
  joined_at: number;
  called_at: number | null;
  answer_by: number | null;
  started_at: number | null;
  ended_at: number | null;
  session_id: string | null;
  away_since: number | null;
  outcome: string | null;
}

export interface SessionRow {
  id: string;
  clerk_id: string;
  name: string;
  unit: string;
  peer_id: string;
  peer_token: string;
  paused: number;
  created_at: number;
  away_since: number | null;
  ended_at: number | null;
}

export interface AttendanceRow {
  id: number;
  unit: string;
  subject: Subject;
  sealed: number;
  lawyer: number;
  libras: number;
  joined_at: number;
  called_at: number | null;
  started_at: number | null;
  ended_at: number;
  wait_seconds: number | null;
  duration_seconds: number | null;
  outcome: AttendanceOutcome;
  clerk_id: string | null;
}

export function ticketOf(r: TicketRow): TicketRecord {
  return {
    id: r.id,
    unit: r.unit,
    day: r.day,
    seq: r.seq,
    code: r.code,
    peerId: r.peer_id,
    peerToken: r.peer_token,
    subject: r.subject,
    sealed: r.sealed === 1,
    lawyer: r.lawyer === 1,
    libras: r.libras === 1,
    status: r.status,
    orderKey: r.order_key,
    joinedAt: r.joined_at,
    calledAt: r.called_at,
    answerBy: r.answer_by,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    sessionId: r.session_id,
    awaySince: r.away_since,
    outcome: r.outcome,
  };
}

export function sessionOf(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    clerkId: r.clerk_id,
    name: r.name,
    unit: r.unit,
    peerId: r.peer_id,
    peerToken: r.peer_token,
    paused: r.paused === 1,
    createdAt: r.created_at,
    awaySince: r.away_since,
    endedAt: r.ended_at,
  };
}

export function attendanceOf(r: AttendanceRow): StoredAttendance & { id: number } {
  return {
    id: r.id,
    unit: r.unit,
    subject: r.subject,
    sealed: r.sealed === 1,
    lawyer: r.lawyer === 1,
    libras: r.libras === 1,
    joinedAt: r.joined_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    waitSeconds: r.wait_seconds,
    durationSeconds: r.duration_seconds,
    outcome: r.outcome,
    clerkId: r.clerk_id,
  };
}
