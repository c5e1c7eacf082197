// Mirrors SEARCH_ATTRIBUTES in libs/workflows (a unit test keeps the two equal). Plain data so the
// start and test scripts can register them before anything is built.
export const SEARCH_ATTRIBUTES = [
  { name: 'CaseStep', type: 'Int' },
  { name: 'CaseStatus', type: 'Keyword' },
  { name: 'CaseSchoolId', type: 'Keyword' },
  { name: 'CaseNextDeadline', type: 'Datetime' },
  { name: 'CaseOverdue', type: 'Bool' },
];
