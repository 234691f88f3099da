package dev.tollgate.auth.admin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bad input to an admin controller is a problem saying what to fix, never a 500. */
class AdminApiErrorsTest {

    private final MockMvc mvc;

    AdminApiErrorsTest() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        mvc = MockMvcBuilders.standaloneSetup(new Things())
                .setControllerAdvice(new AdminApiErrors())
                .setValidator(validator)
                .build();
    }

    @Test
    void unreadableJsonSaysWhere() throws Exception {
        mvc.perform(post("/admin/api/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "The request body is not valid JSON (line 1")));
    }

    @Test
    void aMissingBodyIsSaid() throws Exception {
        mvc.perform(post("/admin/api/things").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request needs a JSON body"));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws Exception {
        mvc.perform(post("/admin/api/things").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"tags\": [\"a\", {\"no\": 1}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Field 'tags[1]' has the wrong type or format"));
    }

    @Test
    void everyInvalidFieldIsListedWithItsRule() throws Exception {
        mvc.perform(post("/admin/api/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Invalid input: name must not be blank"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void aPathVariableOfTheWrongTypeSaysWhatItMustBe() throws Exception {
        mvc.perform(get("/admin/api/things/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'id' must be a UUID, not 'not-a-uuid'"));
        mvc.perform(get("/admin/api/things").param("size", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'size' must be a number, not 'many'"));
    }

    @Test
    void refusalsKeepTheirStatusAndDetail() throws Exception {
        mvc.perform(get("/admin/api/things/" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No such thing"));
        mvc.perform(post("/admin/api/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"taken\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("A thing named taken exists"));
    }

    @Test
    void aListIsAPage() throws Exception {
        mvc.perform(get("/admin/api/things").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.page.size").value(2))
                .andExpect(jsonPath("$.page.number").value(0))
                .andExpect(jsonPath("$.page.totalElements").value(3))
                .andExpect(jsonPath("$.page.totalPages").value(2));
    }

    record Thing(@NotBlank String name, @Size(max = 3) List<String> tags) {
    }

    // nested in a test class, so Spring Boot's test component scan leaves it out of the application
    @RestController
    @RequestMapping("/admin/api/things")
    static class Things {

        @GetMapping
        AdminPage<String> list(@RequestParam(defaultValue = "20") int size) {
            return AdminPage.of(List.of("a", "b", "c").subList(0, Math.min(size, 3)), 0, size, 3);
        }

        @GetMapping("/{id}")
        Thing one(@PathVariable UUID id) {
            throw AdminApiException.notFound("No such thing");
        }

        @PostMapping
        Thing create(@Valid @RequestBody Thing thing) {
            if (thing.name().equals("taken")) {
                throw AdminApiException.conflict("A thing named taken exists");
            }
            return thing;
        }
    }
}
