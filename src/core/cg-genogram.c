/* cg-genogram.c: being written */
