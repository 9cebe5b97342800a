/* sha256.c — SHA-256 for image IDs and lockfile digests, through GNU Nettle.
 *
 * An image ID is the digest of the config's exact bytes, so the hash must run over the
 * text as read, never over a re-serialisation. One-shot only: every caller has the whole
 * input in memory already. The hashing itself is Nettle's (Debian's nettle-dev, which
 * libarchive already depends on): a maintained, tested implementation beats our own. */
#include <stdint.h>

#include <nettle/base16.h>
#include <nettle/sha2.h>

#include "plimsoll/core.h"

void pl_sha256_hex(const void *data, size_t len, char out[65]) {
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    base16_encode_update(out, sizeof digest, digest); /* lowercase, as sha256sum prints */
    out[64] = '\0';
}
