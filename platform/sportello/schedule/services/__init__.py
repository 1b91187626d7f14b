"""The scheduler's services: one-shot timers and periodic jobs."""

from sportello.schedule.services import purge
from sportello.schedule.services._common import now
from sportello.schedule.services.jobs import run_due_jobs
from sportello.schedule.services.timers import cancel_timer, fire_due, schedule_at

__all__ = ["cancel_timer", "fire_due", "now", "purge", "run_due_jobs", "schedule_at"]
