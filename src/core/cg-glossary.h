/* cg-glossary.h: the review's glossary of places, schools and addresses
 *
 * Anonymising for publication replaces every term of the glossary (and its
 * other spellings) by its placeholder: "Oakfield Primary" becomes "School 1".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cg-store.h"

G_BEGIN_DECLS

typedef enum
{
  CG_GLOSSARY_OTHER,
  CG_GLOSSARY_SCHOOL,
  CG_GLOSSARY_ADDRESS,
  CG_GLOSSARY_PLACE,
  CG_GLOSSARY_ORGANISATION,
  CG_GLOSSARY_PERSON,
  CG_N_GLOSSARY_KINDS
} CgGlossaryKind;

typedef struct
{
  char           *term;         /* as the author wrote it */
  CgGlossaryKind  kind;
  char           *placeholder;  /* "School 1" */
  GStrv           variants;     /* other spellings, never NULL */
} CgGlossaryEntry;

typedef struct
{
  GPtrArray *entries;           /* CgGlossaryEntry, in the author's order */
} CgGlossary;

CgGlossary      *cg_glossary_new               (void);
void             cg_glossary_free              (CgGlossary       *glossary);
void             cg_glossary_entry_free        (CgGlossaryEntry  *entry);
const char      *cg_glossary_kind_to_string    (CgGlossaryKind    kind);
gboolean         cg_glossary_kind_from_string  (const char       *text,
                                                CgGlossaryKind   *kind);
/* Adds a term; an empty @placeholder gets the next free one of its kind
 * ("School 2"). A term already in the glossary (in any case) is replaced. */
CgGlossaryEntry *cg_glossary_add               (CgGlossary       *glossary,
                                                const char       *term,
                                                CgGlossaryKind    kind,
                                                const char       *placeholder,
                                                const char * const *variants);
/* glossary.csv: term,placeholder,kind,variants (placeholder, kind and
 * variants may be empty; variants separated by ";"). Errors name the row. */
gboolean         cg_glossary_read_csv          (CgGlossary       *glossary,
                                                const char       *path,
                                                GError          **error);

/* Stored in the case file. A case file without the glossary table (made
 * before it existed) has an empty glossary. */
CgGlossary      *cg_store_load_glossary        (CgStore          *store,
                                                GError          **error);
gboolean         cg_store_replace_glossary     (CgStore          *store,
                                                CgGlossary       *glossary,
                                                GError          **error);

/* The records the author marked as key events: record identity
 * ("<agency>|<content hash>") to the author's note ("" for none). */
GHashTable      *cg_store_load_key_events      (CgStore          *store,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgGlossary, cg_glossary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgGlossaryEntry, cg_glossary_entry_free)

G_END_DECLS
