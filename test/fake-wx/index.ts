export { createFakeWx, compareVersions, FakeWx } from './fake-wx'
export type { CallRecord, PrivacyResolution } from './fake-wx'
export { defaultEnvironment, defaultUser } from './environment'
export type { Environment, FakeScope, JoinOutcome, OsPermission, ScriptedUser } from './environment'
