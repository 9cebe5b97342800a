/* fuzz_image.c — libFuzzer target: any bytes through pl_image_sniff, pl_image_parse and
 * pl_json_locate. When a parse succeeds, every placed value must be where a fresh pointer
 * walk says it is; the first line of the input doubles as a pointer to locate in the rest,
 * so the scanner also sees pointers no parse would produce. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plimsoll/document.h"
#include "plimsoll/image.h"

static void same_place(const char *text, size_t len, pl_json_loc l) {
    if (l.line == 0)
        return;
    int line, col;
    if (pl_json_locate(text, len, l.pointer, &line, &col) != 0 || line != l.line || col != l.column)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    pl_image_sniff(text, size);
    pl_document_sniff(text, size);

    pl_arena a;
    pl_arena_init(&a);
    pl_image **imgs;
    size_t n;
    pl_error err;
    if (pl_image_parse(&a, "fuzz.json", text, size, &imgs, &n, &err) == 0) {
        for (size_t i = 0; i < n; i++) {
            pl_image *img = imgs[i];
            same_place(text, size, img->config_loc);
            same_place(text, size, img->user.loc);
            for (size_t k = 0; k < img->nenv; k++)
                same_place(text, size, img->env[k].loc);
            for (size_t k = 0; k < img->nlabels; k++)
                same_place(text, size, img->labels[k].loc);
            for (size_t k = 0; k < img->cmd.n; k++)
                same_place(text, size, img->cmd.items[k].loc);
            for (size_t k = 0; k < img->exposed_ports.n; k++)
                same_place(text, size, img->exposed_ports.items[k].loc);
            for (size_t k = 0; k < img->nhistory; k++)
                same_place(text, size, img->history[k].loc);
            for (size_t k = 0; k < img->diff_ids.n; k++)
                same_place(text, size, img->diff_ids.items[k].loc);
        }
    }

    const char *nl = memchr(text, '\n', size);
    if (nl) {
        char *pointer = pl_arena_strndup(&a, text, (size_t)(nl - text));
        const char *rest = nl + 1;
        size_t rlen = size - (size_t)(rest - text);
        int line, col;
        pl_json_locate(rest, rlen, pointer, &line, &col);
        size_t off;
        if (pl_json_locate_offset(rest, rlen, pointer, &off) == 0) {
            if (off >= rlen)
                abort();
            pl_json_member *m;
            size_t nm;
            if (pl_json_members(&a, rest, rlen, off, &m, &nm) == 0)
                for (size_t k = 0; k < nm; k++)
                    if (m[k].offset >= rlen)
                        abort();
        }
    }
    pl_arena_free(&a);
    return 0;
}
