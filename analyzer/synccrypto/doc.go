// Package synccrypto defines the sync-crypto rule: CPU-heavy synchronous crypto (pbkdf2Sync, scryptSync, generateKeyPairSync, bcrypt.hashSync...) on the event loop's hot path.
//
// Key derivation and key generation are designed to be slow: pbkdf2Sync
// with 310,000 iterations or bcrypt.hashSync take tens to hundreds of
// milliseconds of the only JavaScript thread. Their callback forms run on
// the libuv thread pool instead. crypto.randomBytes without a callback is
// reported only when its size is large or not a constant (a 16-byte token
// costs microseconds).
// See docs/rules/sync-crypto.md.
package synccrypto
