/* fuzz-common.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

/* An invariant that does not hold is a crash, so libFuzzer keeps the input
 * and the replay test fails; g_assert could be compiled out. */
#define FUZZ_ASSERT(expr)                                                        \
  G_STMT_START {                                                                 \
    if (G_UNLIKELY (!(expr)))                                                    \
      {                                                                          \
        fprintf (stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #expr); \
        abort ();                                                                \
      }                                                                          \
  } G_STMT_END

/* A small deterministic generator: the same input always cuts the same
 * pieces, so a saved input replays exactly. */
typedef struct
{
  guint32 state;
} FuzzRng;

static inline void
fuzz_rng_init (FuzzRng *rng,
               guint32  seed)
{
  rng->state = seed * 2654435761u + 1;
}

static inline guint32
fuzz_rng_next (FuzzRng *rng)
{
  guint32 x = rng->state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  rng->state = x;
  return x;
}

/* Piece sizes of 1 to 4 bytes half the time (cutting characters and CRLFs),
 * otherwise up to 4 KiB. */
static inline gsize
fuzz_rng_piece (FuzzRng *rng)
{
  guint32 r = fuzz_rng_next (rng);

  if (r & 1)
    return 1 + (r >> 1) % 4;
  return 1 + (r >> 1) % 4096;
}

G_END_DECLS
