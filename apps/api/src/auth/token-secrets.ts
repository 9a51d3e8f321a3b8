export { looksLikeToken, newTokenSecret, sameDigest, sha256Hex } from '@ledger/ledger';
