// The only C code of NTP Planner: GLPK calls that can fail, each run under a setjmp guard.
//
// GLPK reports an internal error (a bad argument, an assertion, running out of memory) by printing a
// message and calling abort(). GLPK's manual (glp_error_hook) describes the way out used here: an error
// hook that longjmps back to the caller, after which the thread's GLPK environment is freed with
// glp_free_env(), invalidating every problem object of that thread. The Swift layer validates every
// input first, so this guard is a last line of defence, never the normal path.
//
// Each guarded function runs GLPK code only: no Swift frame lies between the setjmp and the longjmp
// (the MIP callback below calls into Swift and returns before GLPK resumes), so unwinding skips C only.
#ifndef NTP_CGLPK_SHIM_H
#define NTP_CGLPK_SHIM_H

#include <glpk.h>

/// Result of a guarded call.
typedef enum {
    NTP_GUARD_OK = 0,
    /// GLPK raised an internal error; the thread's GLPK environment was freed and every problem object
    /// created on this thread is gone. The message went through the terminal hook before the error.
    NTP_GUARD_GLPK_ERROR = 1
} ntp_guard_status;

/// Starts the scoped GLPK session of this thread: every problem object is created, used and deleted
/// inside one session, on one thread. Returns -1 when a session is already open on this thread (a
/// progress observer trying to solve another problem), 0 otherwise.
int ntp_session_begin(void);
/// Ends the session and frees this thread's GLPK environment, so that the threads of a pool do not keep
/// GLPK memory alive between solves.
void ntp_session_end(void);
/// Whether a GLPK error freed the environment during the current session.
int ntp_session_poisoned(void);

/// The whole problem in arrays, 1-based as GLPK wants them (index 0 unused).
/// Names are NUL-terminated strings packed into one buffer; `*_name_offset[k]` is where name k starts.
typedef struct {
    const char *problem_name;
    const char *objective_name;
    int direction;                    // GLP_MIN or GLP_MAX
    double objective_constant;
    int row_count;
    const char *row_names;
    const int *row_name_offset;       // [row_count + 1]
    const int *row_type;              // [row_count + 1] GLP_FR..GLP_FX
    const double *row_lower;          // [row_count + 1]
    const double *row_upper;          // [row_count + 1]
    int column_count;
    const char *column_names;
    const int *column_name_offset;    // [column_count + 1]
    const int *column_kind;           // [column_count + 1] GLP_CV, GLP_IV, GLP_BV
    const int *column_type;           // [column_count + 1]
    const double *column_lower;       // [column_count + 1]
    const double *column_upper;       // [column_count + 1]
    const double *objective;          // [column_count + 1]
    int entry_count;
    const int *entry_row;             // [entry_count + 1]
    const int *entry_column;          // [entry_count + 1]
    const double *entry_value;        // [entry_count + 1]
} ntp_problem_data;

/// Creates a problem and loads `data` into it. On NTP_GUARD_OK `*out` is the new problem.
ntp_guard_status ntp_build(const ntp_problem_data *data, glp_prob **out);

/// glp_simplex under the guard; `*ret` receives its return code.
ntp_guard_status ntp_simplex(glp_prob *problem, const glp_smcp *parameters, int *ret);

/// What the MIP callback reports to the Swift side at each call GLPK makes to it.
typedef struct {
    int reason;              // GLP_I* reason code
    int has_incumbent;
    double incumbent;        // objective of the best integer solution, when has_incumbent
    int has_bound;
    double bound;            // best bound over the active nodes, when has_bound
    int active_nodes;
    int total_nodes;         // nodes created so far
} ntp_mip_event;

/// Called on every GLPK callback; returns non-zero to stop the search (glp_ios_terminate).
/// It must not call GLPK: GLPK code runs only after it has returned.
typedef int (*ntp_mip_observer)(void *context, const ntp_mip_event *event);

typedef struct {
    ntp_mip_observer observer;   // may be NULL
    void *observer_context;
    const double *start;         // known integer-feasible solution [column_count + 1], or NULL
    int start_offered;           // out: whether GLPK asked for a heuristic solution and was given start
    int start_accepted;          // out: whether GLPK accepted it as the incumbent
} ntp_mip_hooks;

/// glp_intopt under the guard, with `hooks` installed as its callback; `*ret` receives its return code.
/// `parameters->cb_func` and `cb_info` are overwritten.
ntp_guard_status ntp_intopt(glp_prob *problem, glp_iocp *parameters, ntp_mip_hooks *hooks, int *ret);

/// Model file I/O under the guard; `*ret` receives GLPK's return code (0 on success).
ntp_guard_status ntp_write_mps(glp_prob *problem, int format, const char *path, int *ret);
ntp_guard_status ntp_write_lp(glp_prob *problem, const char *path, int *ret);
/// Reading creates the problem; on a non-zero `*ret` the problem is already deleted and `*out` is NULL.
ntp_guard_status ntp_read_mps(int format, const char *path, glp_prob **out, int *ret);
ntp_guard_status ntp_read_lp(const char *path, glp_prob **out, int *ret);

/// glp_delete_prob under the guard.
ntp_guard_status ntp_delete(glp_prob *problem);

/// Rows or columns to append to a live problem, 1-based like `ntp_problem_data` (index 0 unused).
/// The coefficients of element k are entries entry_start[k] .. entry_start[k + 1] - 1 of `entry_index`
/// (indices in the other dimension, 1-based) and `entry_value`; those two arrays are 1-based as well.
typedef struct {
    int count;
    const char *names;
    const int *name_offset;           // [count + 1]
    const int *kind;                  // [count + 1] GLP_CV, GLP_IV, GLP_BV; columns only
    const int *type;                  // [count + 1] GLP_FR..GLP_FX
    const double *lower;              // [count + 1]
    const double *upper;              // [count + 1]
    const double *objective;          // [count + 1]; columns only
    const int *entry_start;           // [count + 2]
    const int *entry_index;           // [entry count + 1]
    const double *entry_value;        // [entry count + 1]
} ntp_elements;

/// Appends columns with their coefficients in existing rows (glp_add_cols, then each column's name,
/// kind, bounds, objective coefficient and glp_set_mat_col).
ntp_guard_status ntp_add_columns(glp_prob *problem, const ntp_elements *columns);
/// Appends rows with their coefficients in existing columns (glp_add_rows, glp_set_mat_row).
ntp_guard_status ntp_add_rows(glp_prob *problem, const ntp_elements *rows);

/// glp_del_cols / glp_del_rows: `index[1..count]` are distinct ordinal numbers, count >= 1. GLPK
/// renumbers the elements that follow.
ntp_guard_status ntp_delete_columns(glp_prob *problem, int count, const int *index);
ntp_guard_status ntp_delete_rows(glp_prob *problem, int count, const int *index);

/// New bounds for the elements `index[1..count]`.
ntp_guard_status ntp_set_column_bounds(
    glp_prob *problem, int count, const int *index, const int *type, const double *lower, const double *upper);
ntp_guard_status ntp_set_row_bounds(
    glp_prob *problem, int count, const int *index, const int *type, const double *lower, const double *upper);
/// New kinds for the columns `index[1..count]`, each followed by its bounds again (GLP_BV resets them).
ntp_guard_status ntp_set_column_kinds(
    glp_prob *problem, int count, const int *index, const int *kind, const int *type, const double *lower,
    const double *upper);
/// New objective coefficients for the columns `index[1..count]`; index 0 is the constant term.
ntp_guard_status ntp_set_objective(glp_prob *problem, int count, const int *index, const double *value);

/// New basis statuses (GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS) of the given rows and columns.
ntp_guard_status ntp_set_basis(
    glp_prob *problem, int row_count, const int *row_index, const int *row_status, int column_count,
    const int *column_index, const int *column_status);

/// Makes sure the current basis can start the simplex method: factorizes it when no valid factorization
/// exists; when GLPK cannot (wrong number of basic variables, singular or ill-conditioned matrix),
/// replaces it with GLPK's advanced initial basis (glp_adv_basis) and sets `*rebuilt` to 1.
ntp_guard_status ntp_prepare_basis(glp_prob *problem, int *rebuilt);

/// Frees this thread's GLPK environment if one is still active, and returns 1 if there was one. A live
/// problem's thread calls it last, after its session ended (which frees the environment): 0 proves that.
int ntp_free_leftover_environment(void);

/// glp_mem_usage of this thread's environment: bytes in use now and at most.
void ntp_memory_usage(size_t *in_use, size_t *peak);

/// Makes a deliberately bad GLPK call (a column index out of range) under the guard. It exists so that
/// the tests can prove the last line of defence turns a GLPK error into a return value.
ntp_guard_status ntp_provoke_error(void);

/// Terminal output: installs `hook` for this thread (NULL removes it). GLPK passes every line it
/// prints; a non-zero return suppresses GLPK's own printing.
void ntp_set_terminal_hook(int (*hook)(void *context, const char *text), void *context);

#endif
