package dev.tollgate.api.paging;

import java.util.List;

/** One page of a list, shaped as {@code {"content": [...], "page": {...}}}. */
public record PageResponse<T>(List<T> content, PageMetadata page) {

    public record PageMetadata(int size, int number, long totalElements, int totalPages) {
    }
}
