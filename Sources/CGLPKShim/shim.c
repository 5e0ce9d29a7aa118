#include "CGLPKShim.h"

#include <float.h>
#include <setjmp.h>
#include <stddef.h>

// Every GLPK object lives in a per-thread environment (Debian builds GLPK with thread-local storage),
// and so do the guard and the session state below.
typedef struct {
    jmp_buf jump;
} guard;

static _Thread_local guard *active_guard = NULL;
static _Thread_local int in_session = 0;
static _Thread_local int poisoned = 0;

static void on_glpk_error(void *info) {
    (void)info;
    // GLPK would call abort() after this hook returns: leave through the guard instead.
    longjmp(active_guard->jump, 1);
}

// Runs STATEMENTS with the error hook pointing at a guard of this frame. Guards never nest: sessions do
// not (see ntp_session_begin) and no guarded function calls another. On a GLPK error the environment is
// freed: every problem object of this thread is gone, and the session is marked poisoned.
#define GUARDED(STATEMENTS)                                  \
    do {                                                     \
        guard this_guard;                                    \
        if (setjmp(this_guard.jump) != 0) {                  \
            active_guard = NULL;                             \
            glp_free_env();                                  \
            poisoned = 1;                                    \
            return NTP_GUARD_GLPK_ERROR;                     \
        }                                                    \
        active_guard = &this_guard;                          \
        glp_error_hook(on_glpk_error, NULL);                 \
        STATEMENTS;                                          \
        glp_error_hook(NULL, NULL);                          \
        active_guard = NULL;                                 \
        return NTP_GUARD_OK;                                 \
    } while (0)

int ntp_session_begin(void) {
    if (in_session) return -1;
    in_session = 1;
    poisoned = 0;
    return 0;
}

void ntp_session_end(void) {
    in_session = 0;
    glp_free_env();
}

int ntp_session_poisoned(void) {
    return poisoned;
}

ntp_guard_status ntp_build(const ntp_problem_data *data, glp_prob **out) {
    GUARDED({
        glp_prob *problem = glp_create_prob();
        *out = problem;
        glp_set_prob_name(problem, data->problem_name);
        glp_set_obj_name(problem, data->objective_name);
        glp_set_obj_dir(problem, data->direction);
        glp_set_obj_coef(problem, 0, data->objective_constant);
        if (data->row_count > 0) glp_add_rows(problem, data->row_count);
        for (int i = 1; i <= data->row_count; i++) {
            glp_set_row_name(problem, i, data->row_names + data->row_name_offset[i]);
            glp_set_row_bnds(problem, i, data->row_type[i], data->row_lower[i], data->row_upper[i]);
        }
        if (data->column_count > 0) glp_add_cols(problem, data->column_count);
        for (int j = 1; j <= data->column_count; j++) {
            glp_set_col_name(problem, j, data->column_names + data->column_name_offset[j]);
            // The kind first: GLP_BV resets the bounds to [0, 1], which the bounds below may narrow.
            glp_set_col_kind(problem, j, data->column_kind[j]);
            glp_set_col_bnds(problem, j, data->column_type[j], data->column_lower[j], data->column_upper[j]);
            glp_set_obj_coef(problem, j, data->objective[j]);
        }
        if (data->entry_count > 0) {
            glp_load_matrix(problem, data->entry_count, data->entry_row, data->entry_column, data->entry_value);
        }
    });
}

ntp_guard_status ntp_simplex(glp_prob *problem, const glp_smcp *parameters, int *ret) {
    GUARDED(*ret = glp_simplex(problem, parameters));
}

static void mip_callback(glp_tree *tree, void *info) {
    ntp_mip_hooks *hooks = info;
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && hooks->start != NULL && !hooks->start_offered) {
        hooks->start_offered = 1;
        hooks->start_accepted = glp_ios_heur_sol(tree, hooks->start) == 0;
    }
    if (hooks->observer == NULL) return;

    ntp_mip_event event = {0};
    event.reason = reason;
    glp_prob *current = glp_ios_get_prob(tree);
    if (glp_mip_status(current) == GLP_FEAS) {
        event.has_incumbent = 1;
        event.incumbent = glp_mip_obj_val(current);
    }
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        event.has_bound = 1;
        event.bound = glp_ios_node_bound(tree, best);
    } else if (event.has_incumbent) {
        // No active node is left: the incumbent is proven optimal.
        event.has_bound = 1;
        event.bound = event.incumbent;
    }
    int current_nodes = 0;
    glp_ios_tree_size(tree, &event.active_nodes, &current_nodes, &event.total_nodes);
    if (hooks->observer(hooks->observer_context, &event) != 0) glp_ios_terminate(tree);
}

ntp_guard_status ntp_intopt(glp_prob *problem, glp_iocp *parameters, ntp_mip_hooks *hooks, int *ret) {
    parameters->cb_func = mip_callback;
    parameters->cb_info = hooks;
    GUARDED(*ret = glp_intopt(problem, parameters));
}

ntp_guard_status ntp_write_mps(glp_prob *problem, int format, const char *path, int *ret) {
    GUARDED(*ret = glp_write_mps(problem, format, NULL, path));
}

ntp_guard_status ntp_write_lp(glp_prob *problem, const char *path, int *ret) {
    GUARDED(*ret = glp_write_lp(problem, NULL, path));
}

ntp_guard_status ntp_read_mps(int format, const char *path, glp_prob **out, int *ret) {
    GUARDED({
        glp_prob *problem = glp_create_prob();
        *out = problem;
        *ret = glp_read_mps(problem, format, NULL, path);
        if (*ret != 0) {
            glp_delete_prob(problem);
            *out = NULL;
        }
    });
}

ntp_guard_status ntp_read_lp(const char *path, glp_prob **out, int *ret) {
    GUARDED({
        glp_prob *problem = glp_create_prob();
        *out = problem;
        *ret = glp_read_lp(problem, NULL, path);
        if (*ret != 0) {
            glp_delete_prob(problem);
            *out = NULL;
        }
    });
}

ntp_guard_status ntp_delete(glp_prob *problem) {
    GUARDED(glp_delete_prob(problem));
}

ntp_guard_status ntp_add_columns(glp_prob *problem, const ntp_elements *columns) {
    GUARDED({
        int first = glp_add_cols(problem, columns->count);
        for (int k = 1; k <= columns->count; k++) {
            int j = first + k - 1;
            glp_set_col_name(problem, j, columns->names + columns->name_offset[k]);
            // The kind first: GLP_BV resets the bounds to [0, 1], which the bounds below may narrow.
            glp_set_col_kind(problem, j, columns->kind[k]);
            glp_set_col_bnds(problem, j, columns->type[k], columns->lower[k], columns->upper[k]);
            glp_set_obj_coef(problem, j, columns->objective[k]);
            int start = columns->entry_start[k];
            int length = columns->entry_start[k + 1] - start;
            // glp_set_mat_col reads ind[1..length]: pass the arrays shifted so that ind[1] is entry `start`.
            if (length > 0) {
                glp_set_mat_col(problem, j, length, columns->entry_index + start - 1, columns->entry_value + start - 1);
            }
        }
    });
}

ntp_guard_status ntp_add_rows(glp_prob *problem, const ntp_elements *rows) {
    GUARDED({
        int first = glp_add_rows(problem, rows->count);
        for (int k = 1; k <= rows->count; k++) {
            int i = first + k - 1;
            glp_set_row_name(problem, i, rows->names + rows->name_offset[k]);
            glp_set_row_bnds(problem, i, rows->type[k], rows->lower[k], rows->upper[k]);
            int start = rows->entry_start[k];
            int length = rows->entry_start[k + 1] - start;
            if (length > 0) {
                glp_set_mat_row(problem, i, length, rows->entry_index + start - 1, rows->entry_value + start - 1);
            }
        }
    });
}

ntp_guard_status ntp_delete_columns(glp_prob *problem, int count, const int *index) {
    GUARDED(glp_del_cols(problem, count, index));
}

ntp_guard_status ntp_delete_rows(glp_prob *problem, int count, const int *index) {
    GUARDED(glp_del_rows(problem, count, index));
}

ntp_guard_status ntp_set_column_bounds(
    glp_prob *problem, int count, const int *index, const int *type, const double *lower, const double *upper) {
    GUARDED({
        for (int k = 1; k <= count; k++) glp_set_col_bnds(problem, index[k], type[k], lower[k], upper[k]);
    });
}

ntp_guard_status ntp_set_row_bounds(
    glp_prob *problem, int count, const int *index, const int *type, const double *lower, const double *upper) {
    GUARDED({
        for (int k = 1; k <= count; k++) glp_set_row_bnds(problem, index[k], type[k], lower[k], upper[k]);
    });
}

ntp_guard_status ntp_set_column_kinds(
    glp_prob *problem, int count, const int *index, const int *kind, const int *type, const double *lower,
    const double *upper) {
    GUARDED({
        for (int k = 1; k <= count; k++) {
            glp_set_col_kind(problem, index[k], kind[k]);
            glp_set_col_bnds(problem, index[k], type[k], lower[k], upper[k]);
        }
    });
}

ntp_guard_status ntp_set_objective(glp_prob *problem, int count, const int *index, const double *value) {
    GUARDED({
        for (int k = 1; k <= count; k++) glp_set_obj_coef(problem, index[k], value[k]);
    });
}

ntp_guard_status ntp_set_basis(
    glp_prob *problem, int row_count, const int *row_index, const int *row_status, int column_count,
    const int *column_index, const int *column_status) {
    GUARDED({
        for (int k = 1; k <= row_count; k++) glp_set_row_stat(problem, row_index[k], row_status[k]);
        for (int k = 1; k <= column_count; k++) glp_set_col_stat(problem, column_index[k], column_status[k]);
    });
}

ntp_guard_status ntp_prepare_basis(glp_prob *problem, int *rebuilt) {
    GUARDED({
        *rebuilt = 0;
        if (!glp_bf_exists(problem) && glp_factorize(problem) != 0) {
            glp_adv_basis(problem, 0);
            *rebuilt = 1;
        }
    });
}

int ntp_free_leftover_environment(void) {
    // glp_free_env returns 1 when no environment was active.
    return glp_free_env() == 0;
}

void ntp_memory_usage(size_t *in_use, size_t *peak) {
    int count = 0, count_peak = 0;
    glp_mem_usage(&count, &count_peak, in_use, peak);
}

ntp_guard_status ntp_provoke_error(void) {
    GUARDED({
        glp_prob *problem = glp_create_prob();
        glp_set_col_bnds(problem, 1, GLP_LO, 0.0, 0.0); // no column 1: GLPK reports an error
        glp_delete_prob(problem);
    });
}

void ntp_set_terminal_hook(int (*hook)(void *context, const char *text), void *context) {
    glp_term_hook(hook, context);
}
