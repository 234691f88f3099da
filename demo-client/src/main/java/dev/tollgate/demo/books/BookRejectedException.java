package dev.tollgate.demo.books;

/** The books API refused a new book as bad input (400). */
class BookRejectedException extends RuntimeException {

    private final ApiProblem problem;

    BookRejectedException(ApiProblem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    ApiProblem problem() {
        return problem;
    }
}
