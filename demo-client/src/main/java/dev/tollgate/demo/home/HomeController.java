package dev.tollgate.demo.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: "Sign in with Tollgate" for visitors, a short welcome for signed-in users. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
