package dev.tollgate.api.user;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.api.paging.PageQuery;
import dev.tollgate.api.paging.PageResponse;
import dev.tollgate.api.problem.NotFoundException;

@RestController
@RequestMapping("/api/users")
class UserController {

    private final UserDirectory directory;

    UserController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/me")
    DirectoryUser me(Authentication authentication) {
        return find(authentication.getName());
    }

    @GetMapping("/{id}")
    DirectoryUser get(@PathVariable String id) {
        return find(id);
    }

    @GetMapping
    PageResponse<DirectoryUser> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_SIZE) int size,
            @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, UserDirectory.SORTABLE_COLUMNS, "id");
        return query.toResponse(directory.findPage(query), directory.count());
    }

    private DirectoryUser find(String id) {
        return directory.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }
}
