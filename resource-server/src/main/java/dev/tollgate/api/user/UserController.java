package dev.tollgate.api.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.api.docs.OpenApiConfig;
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
    @Operation(summary = "The calling user, as the directory knows them", description = "Any user's token with "
            + "scope profile; a client's own token gets 403.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "profile")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    DirectoryUser me(@CurrentSecurityContext(expression = "authentication") Authentication authentication) {
        return find(authentication.getName());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user", description = "Scope profile, and the user themselves (id = their sub) or "
            + "role ADMIN.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "profile")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    DirectoryUser get(@PathVariable String id) {
        return find(id);
    }

    @GetMapping
    @Operation(summary = "List the users directory, a page at a time",
            description = "Role ADMIN and scope users.read. Sort on id, username, email, firstSeen or lastSeen.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "users.read")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
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
