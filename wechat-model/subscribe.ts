// §7.3: one-time subscribe messages. A tap shows WeChat's popup; each accept allows the mini program to send
// this person ONE message of that template (kept by the cloud, where the `ring` function sends it).
// "总是保持" only hides later popups: each request still answers as before, and each accept still counts one.
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api } from './fake-wx'

const SUBSCRIBE_SINCE = '2.4.4'

export class FakeSubscribe {
  /** Popups WeChat drew (a kept choice draws none). */
  popupsShown = 0
  /** A choice kept with "总是保持", per template: answered without a popup. */
  private readonly kept = new Map<string, 'accept' | 'reject'>()

  constructor(private readonly fake: FakeWx) {}

  private request(o: Callbacks & { tmplIds?: unknown }): void {
    const fake = this.fake
    const ids = Array.isArray(o.tmplIds) ? o.tmplIds.map(String) : []
    fake.record('requestSubscribeMessage', `requestSubscribeMessage(${ids.join(',')})`, 'ui', { tmplIds: ids })
    if (!fake.inTap)
      return fake.failWith(o, {
        errCode: 10001,
        errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
      })
    const unknown = ids.find((id) => !fake.cloud.server.templates.has(id))
    if (ids.length === 0 || unknown !== undefined)
      return fake.failWith(o, {
        errCode: 20001,
        errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist',
      })
    const answers: Record<string, string> = {}
    // One template after another, each answered (on its popup, or by a kept choice) before the next.
    const next = (i: number): void => {
      if (i === ids.length) return fake.succeed('requestSubscribeMessage', o, answers)
      const id = ids[i]
      this.answer(id, (answer) => {
        if (answer === null) return fake.failWith(o, { errMsg: 'requestSubscribeMessage:fail cancel' })
        if (answer === 'accept') fake.cloud.server.allowOne(fake.env.openid, id)
        answers[id] = answer
        next(i + 1)
      })
    }
    next(0)
  }

  /** What the person answers for one template: a kept choice, or their answer on the popup. */
  private answer(id: string, then: (answer: 'accept' | 'reject' | null) => void): void {
    const kept = this.kept.get(id)
    if (kept) return then(kept)
    this.popupsShown++
    this.fake.ask(
      'subscribe',
      { templateId: id },
      () => this.fake.user.subscribe.shift(),
      (given) => {
        if (given === undefined) {
          this.fake.noteProblem('the subscribe popup opened but the test scripted no answer')
          return then(null)
        }
        const answer = given.startsWith('accept') ? 'accept' : 'reject'
        if (given.endsWith('-always')) this.kept.set(id, answer)
        then(answer)
      },
    )
  }

  apis(): ApiTable {
    return {
      requestSubscribeMessage: api(SUBSCRIBE_SINCE, 'ui', (o: Callbacks & { tmplIds?: unknown }) => this.request(o)),
    }
  }
}
