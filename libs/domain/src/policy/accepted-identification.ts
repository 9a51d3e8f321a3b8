import type { Channel, IdentificationKind, RequesterKind } from '../vocabulary.js';

/**
 * The identification the library's policy accepts from a requester who asks about a patron's records,
 * per kind of requester and channel: `evaluateRequest` identifies a requester by it (ID-REQUIRED when
 * none of it is offered) and the desk tells staff what would do. Nothing by mail or email proves who is
 * asking; a kind absent here is not identified by a card or an ID at all (law enforcement, vendors…).
 */
export const ACCEPTED_IDENTIFICATION: Readonly<Partial<Record<RequesterKind, Readonly<Partial<Record<Channel, readonly IdentificationKind[]>>>>>> = {
  patron: { in_person: ['library_card', 'photo_id'], online: ['library_card', 'account_login'], phone: ['card_barcode', 'caller_id_match'] },
  family_or_friend: { in_person: ['library_card'] },
  parent_or_guardian: {
    in_person: ['library_card', 'card_barcode', 'cosigner_photo_id'],
    phone: ['library_card', 'card_barcode'],
    online: ['library_card', 'card_barcode'],
  },
};

/** What identifies this kind of requester on this channel: none of it, nothing does. */
export function acceptedIdentification(kind: RequesterKind, channel: Channel): readonly IdentificationKind[] {
  return ACCEPTED_IDENTIFICATION[kind]?.[channel] ?? [];
}
