-- Reminders of case tasks go through the same outbox: a notification names the task it reminds of.
-- A task done or skipped (or its due date moved) cancels its messages still waiting for delivery.
ALTER TABLE notifications ADD COLUMN task_id uuid REFERENCES case_tasks(id) ON DELETE SET NULL;
CREATE INDEX notifications_task_idx ON notifications (task_id);
