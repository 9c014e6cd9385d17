/** Loans: loans, credit lines, repayment schedules, repayments and their allocation, days past due. */
export { loansRoutes } from './loans.routes.ts';
export { loadLoanViews, loadCustomerLoans } from './loan-view.ts';
