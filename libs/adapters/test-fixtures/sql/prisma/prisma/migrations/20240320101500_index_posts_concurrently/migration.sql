-- Hand-edited: alone in its migration, so Prisma runs it outside a transaction.
CREATE INDEX CONCURRENTLY "Post_authorId_idx" ON "Post"("authorId");
