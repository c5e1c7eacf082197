export const t = {
  title: 'Forslag',
  intro:
    'Fraværet til disse elevene har nådd en grense for bekymringsfullt fravær. Ta stilling samme dag: ' +
    'bekreft for å opprette saken (trinn 1 skal gjøres i dag), eller avvis med en begrunnelse.',
  noSchool: 'Du er ikke knyttet til en skole.',
  empty: 'Ingen forslag venter på deg.',
  proposedAt: (when: string) => `Foreslått ${when}`,
  confirm: 'Bekreft og opprett sak',
  confirming: 'Oppretter saken …',
  dismiss: 'Avvis forslaget',
  dismissing: 'Avviser …',
  reason: 'Begrunnelse',
  chooseReason: 'Velg begrunnelse',
  reasonMissing: 'Velg en begrunnelse for å avvise forslaget.',
  confirmed: 'Saken er opprettet.',
  openCase: 'Åpne saken',
  dismissed: (reason: string) => `Avvist: ${reason}.`,
} as const;

export const dismissalReasons: [string, string][] = [
  ['known-cause', 'Kjent årsak som ikke gir grunn til bekymring'],
  ['already-followed-up', 'Fraværet er allerede fulgt opp'],
  ['registration-error', 'Feil i fraværsregistreringen'],
  ['other-follow-up', 'Følges opp på annen måte'],
];
