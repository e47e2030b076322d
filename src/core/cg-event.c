/* cg-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cg-event"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cg-event.h"
#include "cg-import.h"

G_DEFINE_FINAL_TYPE (CgEvent, cg_event, G_TYPE_OBJECT)

static void
cg_event_finalize (GObject *object)
{
  CgEvent *self = (CgEvent *)object;

  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->date_text, g_free);
  g_clear_pointer (&self->recorded_text, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->practitioner, g_free);
  g_clear_pointer (&self->comment, g_free);
  g_clear_pointer (&self->fields_json, g_free);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_array_unref);
  g_clear_pointer (&self->content_hash, g_free);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->author_note, g_free);

  G_OBJECT_CLASS (cg_event_parent_class)->finalize (object);
}

static void
cg_event_class_init (CgEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_event_finalize;
}

static void
cg_event_init (CgEvent *self)
{
  self->date.time = -1;
  self->child_seen = -1;
  self->child_seen_said = -2;
  self->lag_days = G_MININT;
}

CgEvent *
cg_event_new (void)
{
  return g_object_new (CG_TYPE_EVENT, NULL);
}

/* "FILE:ROW", the way reviews and the contract name a record. */
char *
cg_event_dup_key (CgEvent *self)
{
  g_return_val_if_fail (CG_IS_EVENT (self), NULL);

  return g_strdup_printf ("%s:%u", self->file_name, self->row);
}

const char *
cg_event_get_summary (CgEvent *self)
{
  g_return_val_if_fail (CG_IS_EVENT (self), NULL);

  if (self->text != NULL && *self->text)
    return self->text;
  if (self->type != NULL && *self->type)
    return self->type;
  return self->action ? self->action : "";
}

void
cg_field_free (CgField *field)
{
  if (field == NULL)
    return;
  g_free (field->header);
  g_free (field->cell);
  g_free (field);
}

static CgField *
field_new (const char *header,
           const char *cell)
{
  CgField *field = g_new0 (CgField, 1);

  field->header = g_strdup (header);
  field->cell = g_strdup (cell != NULL ? cell : "");
  return field;
}

static const char *
node_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static const struct
{
  guint kind;
  gsize offset;
} kept_cells[] = {
  { CG_FIELD_DATE, G_STRUCT_OFFSET (CgEvent, date_text) },
  { CG_FIELD_RECORDED, G_STRUCT_OFFSET (CgEvent, recorded_text) },
  { CG_FIELD_SOURCE, G_STRUCT_OFFSET (CgEvent, source) },
  { CG_FIELD_TYPE, G_STRUCT_OFFSET (CgEvent, type) },
  { CG_FIELD_DETAILS, G_STRUCT_OFFSET (CgEvent, text) },
  { CG_FIELD_ACTION, G_STRUCT_OFFSET (CgEvent, action) },
  { CG_FIELD_PRACTITIONER, G_STRUCT_OFFSET (CgEvent, practitioner) },
  { CG_FIELD_COMMENT, G_STRUCT_OFFSET (CgEvent, comment) },
};

/**
 * cg_event_get_kept_cell:
 * @kind: a #CgFieldKind
 *
 * The cell of the column mapped to @kind exactly as the event keeps it: the
 * date and date recorded as written, the texts without the spaces around
 * them. The importer stores a cell that reads the same here only once, so
 * this is also how the original row is put back together. NULL when the
 * event keeps no text for @kind.
 */
const char *
cg_event_get_kept_cell (CgEvent *self,
                        guint    kind)
{
  g_return_val_if_fail (CG_IS_EVENT (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kept_cells); i++)
    if (kept_cells[i].kind == kind)
      return G_STRUCT_MEMBER (const char *, self, kept_cells[i].offset);
  return NULL;
}

/* Whether an event keeps a text for the column mapped to @kind. */
gboolean
cg_event_keeps_cell (guint kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kept_cells); i++)
    if (kept_cells[i].kind == kind)
      return TRUE;
  return FALSE;
}

/* The original cells, in file order, each under its header; cells right of
 * the last header are named "Column N" when they hold anything. Returns NULL
 * only if the stored cells are damaged. */
GPtrArray *
cg_event_dup_fields (CgEvent *self)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify)cg_field_free);
  JsonNode *root;

  g_return_val_if_fail (CG_IS_EVENT (self), NULL);

  if (self->fields_json == NULL ||
      !json_parser_load_from_data (parser, self->fields_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);

  if (JSON_NODE_HOLDS_ARRAY (root) && self->headers != NULL)
    {
      JsonArray *cells = json_node_get_array (root);
      guint n_cells = json_array_get_length (cells);

      for (guint i = 0; i < MAX (n_cells, self->headers->len); i++)
        {
          JsonNode *node = i < n_cells ? json_array_get_element (cells, i) : NULL;
          const char *cell = node_string (node);
          g_autofree char *name = NULL;

          if (node != NULL && JSON_NODE_HOLDS_NULL (node))
            {
              /* kept once, in the event's own column */
              if (self->kinds == NULL || i >= self->kinds->len ||
                  !(cell = cg_event_get_kept_cell (self, g_array_index (self->kinds, int, i))))
                return NULL;
            }
          if (i < self->headers->len)
            {
              g_ptr_array_add (fields, field_new (g_ptr_array_index (self->headers, i), cell));
              continue;
            }
          while (cell != NULL && g_ascii_isspace (*cell))
            cell++;
          if (cell == NULL || *cell == '\0')
            continue;   /* empty columns right of the last header are not data */
          name = g_strdup_printf (_("Column %u"), i + 1);
          g_ptr_array_add (fields, field_new (name, node_string (node)));
        }
      return g_steal_pointer (&fields);
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init_ordered (&iter, json_node_get_object (root));
      while (json_object_iter_next_ordered (&iter, &member, &node))
        g_ptr_array_add (fields, field_new (member, node_string (node)));
      return g_steal_pointer (&fields);
    }
  return NULL;
}

static int
compare_strings (const char *a,
                 const char *b)
{
  return g_strcmp0 (a, b);
}

/* Integrated chronology order: by start day (unknown dates last), then time
 * (a record without a time before timed ones), then agency, file and row. */
int
cg_event_compare_by_date (CgEvent *a,
                          CgEvent *b)
{
  guint32 sa = a->date.start ? a->date.start : G_MAXUINT32;
  guint32 sb = b->date.start ? b->date.start : G_MAXUINT32;
  int cmp;

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (a->date.time != b->date.time)
    return a->date.time < b->date.time ? -1 : 1;
  if ((cmp = compare_strings (a->agency, b->agency)) != 0)
    return cmp;
  if ((cmp = compare_strings (a->file_name, b->file_name)) != 0)
    return cmp;
  return a->row < b->row ? -1 : (a->row > b->row ? 1 : 0);
}
