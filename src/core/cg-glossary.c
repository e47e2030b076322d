/* cg-glossary.c: the review's glossary of places, schools and addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-glossary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-csv.h"
#include "cg-errors.h"
#include "cg-glossary.h"

static const struct
{
  const char *name;
  const char *placeholder;   /* numbered: "School 1" */
} kinds[CG_N_GLOSSARY_KINDS] = {
  [CG_GLOSSARY_OTHER]        = { "other", N_("Detail") },
  [CG_GLOSSARY_SCHOOL]       = { "school", N_("School") },
  [CG_GLOSSARY_ADDRESS]      = { "address", N_("Address") },
  [CG_GLOSSARY_PLACE]        = { "place", N_("Place") },
  [CG_GLOSSARY_ORGANISATION] = { "organisation", N_("Organisation") },
  [CG_GLOSSARY_PERSON]       = { "person", N_("Person") },
};

const char *
cg_glossary_kind_to_string (CgGlossaryKind kind)
{
  if ((guint)kind >= CG_N_GLOSSARY_KINDS)
    kind = CG_GLOSSARY_OTHER;
  return kinds[kind].name;
}

gboolean
cg_glossary_kind_from_string (const char     *text,
                              CgGlossaryKind *kind)
{
  if (text == NULL || *text == '\0')
    {
      *kind = CG_GLOSSARY_OTHER;
      return TRUE;
    }
  for (guint i = 0; i < CG_N_GLOSSARY_KINDS; i++)
    if (g_ascii_strcasecmp (text, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

CgGlossary *
cg_glossary_new (void)
{
  CgGlossary *glossary = g_new0 (CgGlossary, 1);

  glossary->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_glossary_entry_free);
  return glossary;
}

void
cg_glossary_free (CgGlossary *glossary)
{
  if (glossary == NULL)
    return;
  g_ptr_array_unref (glossary->entries);
  g_free (glossary);
}

void
cg_glossary_entry_free (CgGlossaryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->term);
  g_free (entry->placeholder);
  g_strfreev (entry->variants);
  g_free (entry);
}

static gboolean
placeholder_in_use (CgGlossary *glossary,
                    const char *placeholder)
{
  for (guint i = 0; i < glossary->entries->len; i++)
    {
      CgGlossaryEntry *entry = g_ptr_array_index (glossary->entries, i);

      if (g_strcmp0 (entry->placeholder, placeholder) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
next_placeholder (CgGlossary     *glossary,
                  CgGlossaryKind  kind)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s %u", _(kinds[kind].placeholder), n);

      if (!placeholder_in_use (glossary, candidate))
        return g_steal_pointer (&candidate);
    }
}

CgGlossaryEntry *
cg_glossary_add (CgGlossary         *glossary,
                 const char         *term,
                 CgGlossaryKind      kind,
                 const char         *placeholder,
                 const char * const *variants)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  CgGlossaryEntry *entry;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (glossary != NULL, NULL);
  g_return_val_if_fail (term != NULL && *term != '\0', NULL);

  folded = g_utf8_casefold (term, -1);
  for (guint i = 0; i < glossary->entries->len; i++)
    {
      CgGlossaryEntry *old = g_ptr_array_index (glossary->entries, i);
      g_autofree char *old_folded = g_utf8_casefold (old->term, -1);

      if (g_str_equal (folded, old_folded))
        {
          g_ptr_array_remove_index (glossary->entries, i);
          break;
        }
    }

  entry = g_new0 (CgGlossaryEntry, 1);
  entry->term = g_strstrip (g_strdup (term));
  entry->kind = (guint)kind < CG_N_GLOSSARY_KINDS ? kind : CG_GLOSSARY_OTHER;
  if (placeholder != NULL && *placeholder != '\0')
    entry->placeholder = g_strstrip (g_strdup (placeholder));
  else
    entry->placeholder = next_placeholder (glossary, entry->kind);
  for (guint i = 0; variants && variants[i]; i++)
    {
      g_autofree char *variant = g_strstrip (g_strdup (variants[i]));

      if (*variant != '\0')
        g_strv_builder_add (builder, variant);
    }
  entry->variants = g_strv_builder_end (builder);
  g_ptr_array_add (glossary->entries, entry);
  return entry;
}

/* ----------------------------------------------------------------- reading */

typedef struct
{
  CgGlossary *glossary;
  const char *name;
  int         columns[4];   /* term, placeholder, kind, variants; -1 absent */
  gboolean    have_header;
} ReadState;

static gboolean
read_row (guint               row,
          const char * const *cells,
          guint               n_cells,
          gboolean            stray_quote,
          gpointer            user_data,
          GError            **error)
{
  static const char * const headers[] = { "term", "placeholder", "kind", "variants" };
  ReadState *state = user_data;
  const char *values[4] = { NULL, NULL, NULL, NULL };
  g_auto(GStrv) variants = NULL;
  CgGlossaryKind kind;
  gboolean empty = TRUE;

  for (guint i = 0; i < n_cells; i++)
    if (*cells[i] != '\0' && strspn (cells[i], " \t") != strlen (cells[i]))
      empty = FALSE;
  if (empty)
    return TRUE;

  if (!state->have_header)
    {
      for (guint k = 0; k < G_N_ELEMENTS (headers); k++)
        state->columns[k] = -1;
      for (guint i = 0; i < n_cells; i++)
        {
          g_autofree char *header = g_strstrip (g_ascii_strdown (cells[i], -1));
          const char *h = header;

          /* a byte-order mark before the first header */
          if (g_str_has_prefix (h, "\xEF\xBB\xBF"))
            h += 3;
          for (guint k = 0; k < G_N_ELEMENTS (headers); k++)
            if (g_str_equal (h, headers[k]))
              state->columns[k] = i;
        }
      if (state->columns[0] < 0)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                       _("%s:%u: a glossary needs a header row with a “term” column "
                         "(term,placeholder,kind,variants)"), state->name, row);
          return FALSE;
        }
      state->have_header = TRUE;
      return TRUE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    if (state->columns[k] >= 0 && (guint)state->columns[k] < n_cells)
      values[k] = cells[state->columns[k]];
  if (values[0] == NULL || *values[0] == '\0')
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, _("%s:%u: the term is empty"),
                   state->name, row);
      return FALSE;
    }
  if (!cg_glossary_kind_from_string (values[2], &kind))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   _("%s:%u: “%s” is not a kind of glossary entry (school, address, place, "
                     "organisation, person or other)"), state->name, row, values[2]);
      return FALSE;
    }
  variants = g_strsplit (values[3] ? values[3] : "", ";", -1);
  cg_glossary_add (state->glossary, values[0], kind, values[1], (const char * const *)variants);
  return TRUE;
}

gboolean
cg_glossary_read_csv (CgGlossary  *glossary,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  g_autoptr(CgCsvReader) reader = NULL;
  ReadState state = { glossary, name, { -1, -1, -1, -1 }, FALSE };
  gsize len = 0;
  const char *text;

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND, _("%s: the glossary cannot be read: %s"),
                   name, local->message);
      return FALSE;
    }
  text = contents;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_TEXT,
                   _("%s: the glossary must be saved as UTF-8 text"), name);
      return FALSE;
    }
  reader = cg_csv_reader_new (cg_csv_sniff_delimiter (text, len), read_row, &state);
  if (!cg_csv_reader_feed (reader, text, len, error) || !cg_csv_reader_finish (reader, error))
    return FALSE;
  if (!state.have_header)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_NO_HEADER,
                   _("%s: the glossary is empty: it needs a header row "
                     "(term,placeholder,kind,variants)"), name);
      return FALSE;
    }
  return TRUE;
}
