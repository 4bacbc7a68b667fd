/** The error of an invalid EventBridge schedule expression (its message is one readable clause). */
export class ScheduleExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleExpressionError';
  }
}
