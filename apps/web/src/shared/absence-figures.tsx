import { Table } from '@digdir/designsystemet-react';
import { trendLabel } from './labels';

/** One way to write an absence figure: "12,5 %", or "–" where there is none. */
export const percentText = (p: number | null | undefined): string =>
  p === null || p === undefined ? '–' : `${p.toLocaleString('nb-NO')} %`;

/** The names of a student's absence figures, the same on every page that shows them. */
export const absenceFigureLabel = {
  schoolYear: 'Fravær dette skoleåret',
  recent: 'Fravær siste fire skoleuker',
  threshold: 'Grense',
  trend: 'Utvikling',
  lateArrivals: 'Sene ankomster siste fire skoleuker',
} as const;

/** What a proposal, a case's "Fravær nå" and the overview have in common. */
export interface AbsenceFigures {
  schoolYearPercent: number | null;
  recentPercent: number | null;
  thresholdPercent: number;
  trend: keyof typeof trendLabel;
  lateArrivalsRecent: number;
}

/** The figures as rows of a two-column table (the caller owns the table and any further rows). */
export function AbsenceFigureRows({ figures }: { figures: AbsenceFigures }) {
  const rows: [string, string | number][] = [
    [absenceFigureLabel.schoolYear, percentText(figures.schoolYearPercent)],
    [absenceFigureLabel.recent, percentText(figures.recentPercent)],
    [absenceFigureLabel.threshold, percentText(figures.thresholdPercent)],
    [absenceFigureLabel.trend, trendLabel[figures.trend]],
    [absenceFigureLabel.lateArrivals, figures.lateArrivalsRecent],
  ];
  return (
    <>
      {rows.map(([label, value]) => (
        <Table.Row key={label}>
          <Table.HeaderCell scope="row">{label}</Table.HeaderCell>
          <Table.Cell>{value}</Table.Cell>
        </Table.Row>
      ))}
    </>
  );
}
