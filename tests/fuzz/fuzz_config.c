/* fuzz_config.c — libFuzzer target: any bytes through pl_config_parse, the .plimsoll.yaml
 * reader (libyaml, then the schema walk with its positions and alias limit). A parse
 * that fails must leave the configuration safe to free; leaks show up as leaks. */
#include <stddef.h>
#include <stdint.h>

#include "plimsoll/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_config c;
    pl_error err;
    pl_config_parse("fuzz/.plimsoll.yaml", "/fuzz", (const char *)data, size, &c, &err);
    pl_config_free(&c);
    return 0;
}
