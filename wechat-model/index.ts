export { compareVersions, createFakeWx, FakeWx } from './fake-wx'
export type { CallRecord, Category } from './fake-wx'
export { defaultEnvironment, defaultUser } from './environment'
export type { CalendarEvent } from './calendar'
export type {
  CalendarSheetAnswer,
  Environment,
  FakeScope,
  JoinOutcome,
  Listener,
  OsPermission,
  ScriptedUser,
  SubscribeAnswer,
} from './environment'
export { OFFICIAL_POPUP_THROTTLE_MS } from './privacy'
export type { PrivacyResolution } from './privacy'
export type { Answer, Person, QuestionKind, Questions } from './ask'
export type { ButtonEvent, ButtonPage, OpenTypeButton, Router, SharedCard } from './ui'
export { RING_SECONDS } from './voip'
export type { CallScreen, Party, PhoneBook } from './voip'
export { cloudFunction, FakeCloud, TEST_CLOUD_ENV, TEST_REMINDER_TEMPLATE, TEST_RING_TEMPLATE } from './cloud'
export type { OpenApiCall, OpenApiReply, SentMessage } from './cloud'
export { FakeDatabase, PhoneDatabase } from './database'
export type { CollectionAcl, Doc } from './database'
