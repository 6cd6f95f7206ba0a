// Several phones in one test, each with its own WeChat, storage and Duet, meeting in one fake WeChat Cloud.
import type { Environment, ScriptedUser } from '../../wechat-model'
import { FakeCloud, TEST_CLOUD_ENV } from '../../wechat-model'
import { launch, LaunchedApp, LaunchOptions } from './app'

/** Duet deployed with WeChat Cloud, as the README's deployer sets it up. */
export const CLOUD_CONFIG = { cloudEnv: TEST_CLOUD_ENV }

export interface PhoneSpec {
  env?: Partial<Environment>
  user?: Partial<ScriptedUser>
  options?: LaunchOptions
}

/** Launches each phone in turn on one shared cloud; every phone's pages load at its launch. */
export async function launchPhones(specs: PhoneSpec[], cloud = new FakeCloud()): Promise<LaunchedApp[]> {
  const phones: LaunchedApp[] = []
  for (const [i, spec] of specs.entries()) {
    const options = { config: CLOUD_CONFIG, ...spec.options, cloud, preload: true, keepOtherPhones: i > 0 }
    phones.push(await launch(spec.env, spec.user, options))
  }
  return phones
}
