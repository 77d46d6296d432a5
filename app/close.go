package app

import "sync"

// closeOnce makes App.Close idempotent. The SDK's `start` closes the app when the node stops and
// once more on its way out; BaseApp.Close is not idempotent, so the second call found the stores
// already closed and every clean SIGTERM logged "ERR leveldb: closed" although nothing was wrong.
type closeOnce struct {
	once sync.Once
	err  error
}

// Close closes the application's stores once; later calls return the first call's result.
func (app *App) Close() error {
	app.closed.once.Do(func() { app.closed.err = app.BaseApp.Close() })
	return app.closed.err
}
