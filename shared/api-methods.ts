// Method names only, with no dependencies, so the sandboxed preload stays tiny.
export const API_METHOD_NAMES = [
  'getSession',
  'updateSettings',
  'openPaths',
  'chooseAndOpen',
  'addFiles',
  'getCorpusStatus',
  'getDocument',
  'listAnnotations',
  'saveChanges',
  'exportAnnotations',
  'dismissNotice',
  'importAnnotations',
  'listImportOrphans',
  'listAnalysts',
  'getAgreement',
] as const;

export type ApiMethodName = (typeof API_METHOD_NAMES)[number];

export const IPC_PREFIX = 'marginalia:';
