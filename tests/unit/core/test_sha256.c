/* test_sha256.c — pl_sha256_hex against the FIPS 180-2 / NIST example vectors, and
 * inputs around the one-block/two-block padding boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plimsoll/core.h"

static void check(const char *data, size_t len, const char *want) {
    char got[65];
    pl_sha256_hex(data, len, got);
    assert_string_equal(got, want);
}

static void fips_one_block(void **state) {
    (void)state;
    check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void fips_two_blocks(void **state) {
    (void)state;
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void fips_896_bit_message(void **state) {
    (void)state;
    const char *m =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
        "klmnopqrlmnopqrsmnopqrstnopqrstu";
    check(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void empty_input(void **state) {
    (void)state;
    check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void million_a(void **state) {
    /* FIPS 180-2 appendix B.3: many full blocks through the main loop */
    (void)state;
    char *m = malloc(1000000);
    assert_non_null(m);
    memset(m, 'a', 1000000);
    check(m, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(m);
}

static void padding_boundaries(void **state) {
    /* 55 bytes fit padding in one block, 56 need a second: both sides of the edge */
    (void)state;
    char m[64];
    memset(m, 'a', sizeof m);
    check(m, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    check(m, 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    check(m, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_one_block),
        cmocka_unit_test(fips_two_blocks),
        cmocka_unit_test(fips_896_bit_message),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(million_a),
        cmocka_unit_test(padding_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
