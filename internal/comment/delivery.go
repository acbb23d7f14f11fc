package comment

import "context"

type deliveryKey struct{}

// WithDeliveryID tells a sender the id of the outbox job it delivers: the
// same on every attempt of that job, so a receiver can drop a second copy
// (a retry after a lost answer, or a replay).
func WithDeliveryID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, deliveryKey{}, id)
}

// DeliveryID is the id WithDeliveryID set ("" outside a delivery).
func DeliveryID(ctx context.Context) string {
	id, _ := ctx.Value(deliveryKey{}).(string)
	return id
}
