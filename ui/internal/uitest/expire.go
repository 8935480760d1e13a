package uitest

// ExpireHold ends the holds on the messages ids only, as SQS does when
// their hold runs out while others (received later) are still held.
func (p *Peek) ExpireHold(ids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		delete(p.held, id)
	}
}
