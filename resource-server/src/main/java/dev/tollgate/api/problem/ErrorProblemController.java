package dev.tollgate.api.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page: whatever failed outside Spring MVC (a rejected request, an uncaught
 * exception) still gets a problem body, never a stack trace or an HTML page; a lost database a 503.
 */
@RestController
public class ErrorProblemController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // a filter's database write (the user directory) fails outside Spring MVC's exception handling
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseOutage.causedBy(failure)) {
            return DatabaseOutage.answer(path instanceof String uri ? uri : null);
        }
        HttpStatus status = statusOf(request);
        ProblemDetail problem = ProblemType.classify(ProblemDetail.forStatusAndDetail(status, detailFor(status)));
        if (path instanceof String uri) {
            problem.setInstance(Problems.instanceOf(uri));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String detailFor(HttpStatus status) {
        return status.is5xxServerError() ? "The server could not complete the request" : status.getReasonPhrase();
    }
}
