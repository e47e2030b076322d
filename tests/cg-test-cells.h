/* cg-test-cells.h: a record's cells in the form its content hash is taken over
 *
 * Shared by the import tests and the import fuzzer: the cells read back from
 * a case file, written as {"<header>": "<cell>", ...} the way case files have
 * always hashed them, must give the hash the import took from the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "cg-event.h"

static inline void
cg_test_append_quoted (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      unsigned char c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* NULL when the cells cannot be read back. */
static inline char *
cg_test_cells_object (CgEvent *event)
{
  g_autoptr(GPtrArray) fields = cg_event_dup_fields (event);
  GString *out;

  if (fields == NULL)
    return NULL;
  out = g_string_new ("{");
  for (guint i = 0; i < fields->len; i++)
    {
      CgField *field = g_ptr_array_index (fields, i);

      if (i > 0)
        g_string_append_c (out, ',');
      cg_test_append_quoted (out, field->header);
      g_string_append_c (out, ':');
      cg_test_append_quoted (out, field->cell);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* The cells read back are exactly the cells the import read. */
static inline gboolean
cg_test_cells_match_hash (CgEvent *event)
{
  g_autofree char *object = cg_test_cells_object (event);
  g_autofree char *sha = NULL;

  if (object == NULL || event->content_hash == NULL)
    return FALSE;
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, object, -1);
  return strncmp (sha, event->content_hash, 32) == 0 && strlen (event->content_hash) == 32;
}
