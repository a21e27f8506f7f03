"""Infrastructure the workflow and the views call: the e-mail outbox (mail), stored uploads
(uploads) and background slate solves (jobs). With the views and the CLI, these are the only
places that commit."""
