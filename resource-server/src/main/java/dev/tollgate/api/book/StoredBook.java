package dev.tollgate.api.book;

/** A book with the version of it that is stored; the version is shown only as the ETag. */
record StoredBook(Book book, long version) {

    String etag() {
        return "\"" + version + "\"";
    }
}
