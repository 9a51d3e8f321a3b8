import type { ProjectedEvent } from '../runner/projection.js';
import { blindIndexOfConsent, consentIndexProjection } from './consent-index.projection.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';

const consents: ProjectedEvent[] = ['c1', 'c2', 'c3', 'c1'].map((consentId, i) => ({
  stream: `patron-bi${i % 2}`,
  revision: BigInt(i),
  position: BigInt(i + 1),
  type: 'WrittenConsentGiven',
  data: { consentId, blindIndex: `bi${i % 2}` },
  metadata: {},
  recordedAt: new Date('2025-03-03T12:00:00.000Z'),
}));

describe('consent index view', () => {
  it('replayed as a rebuild gives the same view as event by event, and applying every event twice changes nothing', async () => {
    const once = dumpViews(await project(consentIndexProjection, consents));
    expect(once.consent_index).toEqual([
      { consent_id: 'c1', blind_index: 'bi0' },
      { consent_id: 'c2', blind_index: 'bi1' },
      { consent_id: 'c3', blind_index: 'bi0' },
    ]);
    expect(dumpViews(await rebuilt(consentIndexProjection, consents))).toEqual(once);
    expect(dumpViews(await project(consentIndexProjection, consents, 2))).toEqual(once);
    expect(blindIndexOfConsent(await project(consentIndexProjection, consents), 'c2')).toBe('bi1');
  });
});
