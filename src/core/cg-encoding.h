/* cg-encoding.h: turning an agency file's bytes into UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CG_ENCODING_UTF8,
  CG_ENCODING_UTF8_BOM,
  CG_ENCODING_UTF16LE,
  CG_ENCODING_UTF16BE,
  CG_ENCODING_WINDOWS_1252,
} CgEncoding;

typedef struct _CgDecoder CgDecoder;

const char *cg_encoding_to_string   (CgEncoding    encoding);
gboolean    cg_encoding_from_string (const char   *text,
                                     CgEncoding   *encoding);

/* Looks at the start of a file: a byte-order mark, UTF-16 without one. Returns
 * FALSE with *binary_kind set when the bytes are not text at all. */
gboolean    cg_encoding_sniff       (const guint8 *data,
                                     gsize         len,
                                     CgEncoding   *encoding,
                                     const char  **binary_kind);

CgDecoder  *cg_decoder_new          (CgEncoding    encoding);
void        cg_decoder_free         (CgDecoder    *decoder);
/* Appends the UTF-8 of @data to @out; a sequence cut by the chunk's end is
 * completed by the next call. Returns FALSE when a UTF-8 file turns out not to
 * be valid UTF-8 (the caller then reads it as Windows-1252). */
gboolean    cg_decoder_decode       (CgDecoder    *decoder,
                                     const guint8 *data,
                                     gsize         len,
                                     gboolean      last,
                                     GString      *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDecoder, cg_decoder_free)

G_END_DECLS
