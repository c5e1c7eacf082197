// Past school years' calendars, for tests that span a school-year boundary. Test helper: kept out of
// the production entry point, which keeps only the current year's example for defaults and the demo.
import { sortedByStart, springHolidays, type SchoolCalendar } from '../school-calendar';

/** A typical Norwegian municipality's school year 2025–2026: 190 school days (synthetic). */
export function exampleCalendar2025_2026(): SchoolCalendar {
  return {
    schoolYear: '2025-2026',
    firstDay: '2025-08-18',
    lastDay: '2026-06-23',
    closedPeriods: sortedByStart([
      { from: '2025-09-29', to: '2025-10-03', kind: 'break', name: 'Høstferie' },
      { from: '2025-11-14', to: '2025-11-14', kind: 'planning-day', name: 'Planleggingsdag' },
      { from: '2025-12-20', to: '2026-01-02', kind: 'break', name: 'Juleferie' },
      { from: '2026-01-05', to: '2026-01-05', kind: 'planning-day', name: 'Planleggingsdag' },
      { from: '2026-02-23', to: '2026-02-27', kind: 'break', name: 'Vinterferie' },
      ...springHolidays(2026),
      // The Friday after Ascension Day.
      { from: '2026-05-15', to: '2026-05-15', kind: 'planning-day', name: 'Planleggingsdag' },
    ]),
  };
}
