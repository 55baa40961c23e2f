// Changing a round's YAML without disturbing it: only the edited values' text changes.
export { applyEdits, describePath, EditError, TO_FILL_MARK } from './apply';
export type { DataFileName, Edit, YamlPath } from './apply';
export { commitEdits, commitTexts, fileHash, sameFile, saveVersions, StaleFileError } from './commit';
export type { CommitResult, NewVersion } from './commit';
