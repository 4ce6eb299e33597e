package synccrypto

import "github.com/blockcheck/blockcheck/analyzer/blocking"

// Analyzer reports CPU-heavy synchronous crypto (pbkdf2Sync, scryptSync, generateKeyPairSync, bcrypt.hashSync...) on the event loop's hot path.
var Analyzer = blocking.NewAnalyzer("sync-crypto", "report CPU-heavy synchronous crypto (pbkdf2Sync, scryptSync, generateKeyPairSync, bcrypt.hashSync...) on the event loop's hot path", false)
