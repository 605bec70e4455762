// balcao-virtual/core: pure logic shared by the widget and the server. No DOM, no Node.
export { openingStatus, nextTransition, daySchedule, openTimeByDay, type OpeningStatus, type ClosedReason } from './timetable.js';
export { courtHolidays, courtHolidayOn, easterDay, type CourtHoliday, type HolidayKind } from './holidays.js';
export {
  parseUnit,
  parseUnits,
  unitToJson,
  parseTime,
  formatTime,
  UnitConfigError,
  WEEKDAYS,
  DEFAULT_REPLY_DEADLINE_HOURS,
  type Unit,
  type UnitJson,
  type Weekday,
  type Interval,
  type HolidayCalendar,
  type PjeSupport,
} from './unit.js';
export {
  parseCpf,
  validateCpf,
  formatCpf,
  parseCnj,
  validateCnj,
  formatCnj,
  cnjCheckDigits,
  parseOab,
  validateOab,
  parseEmail,
  type CnjNumber,
  type ValidationResult,
  type ValidationReason,
} from './validators.js';
export {
  zonedParts,
  zoneOffset,
  localDayNumber,
  localInstant,
  nextLocalMidnight,
  isoDate,
  parseIsoDate,
  isTimeZone,
} from './time.js';
export * from './protocol/index.js';
