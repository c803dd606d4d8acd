/*
 * worker.h - a worker's FastCGI loop: accept, handle, respond, repeat.
 */
#ifndef PPX_WORKER_H
#define PPX_WORKER_H

/*
 * Serve requests on listen_fd with the instance arg (struct instance *)
 * until prefork says stop.  Returns the process exit status.
 */
int	 worker_main(void *arg, int listen_fd);

#endif
